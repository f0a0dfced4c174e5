"""Validates SARIF logs against the official SARIF 2.1.0 schema (Fixtures/schemas/).

Usage: python validate.py FILE... (or - for standard input). Prints every violation and exits 1
if there is one. The schema declares JSON Schema draft-04, so that is the draft used for keywords; formats
("uri", "uri-reference", "date-time", ...) are checked too.
"""
import json
import pathlib
import sys

import jsonschema

SCHEMA = pathlib.Path(__file__).resolve().parents[2] / "Fixtures/schemas/sarif-schema-2.1.0.json"


def main(paths):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    # Every format jsonschema knows, not just draft-04's: the schema's "uri-reference" (artifact
    # locations) is only checked by the later drafts' checker.
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    failed = False
    for path in paths or ["-"]:
        text = sys.stdin.read() if path == "-" else pathlib.Path(path).read_text(encoding="utf-8")
        try:
            log = json.loads(text)
        except json.JSONDecodeError as error:
            print(f"{path}: not JSON: {error}")
            failed = True
            continue
        for error in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(part) for part in error.absolute_path) or "(root)"
            print(f"{path}: {where}: {error.message}")
            failed = True
    if not failed:
        print(f"valid SARIF 2.1.0 ({validator_class.__name__})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
