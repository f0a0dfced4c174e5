"""`resourcelint server` driven by a real LSP client (pytest-lsp on pygls).

Each test runs twice: as VS Code (which only speaks utf-16 positions) and as Neovim 0.11 (which
offers utf-8, utf-16 and utf-32; the server takes utf-32). The documents hold non-ASCII and
astral characters before the findings, so a column converted wrongly shows up as a wrong range.
`make test-lsp` runs this with the debug build; RESOURCELINT names another binary.
"""

import json
import os
import pathlib
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("RESOURCELINT", str(ROOT / ".build" / "debug" / "resourcelint"))

CLIENTS = ["visual-studio-code", "neovim@v0.11.0"]


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[BINARY, "server"]), params=CLIENTS
)
async def client(lsp_client: LanguageClient, request):
    # Real editors answer the server's request to watch configuration files; the test client
    # records it.
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    params = types.InitializeParams(capabilities=client_capabilities(request.param))
    result = await lsp_client.initialize_session(params)
    lsp_client.encoding = result.capabilities.position_encoding or "utf-16"
    yield
    await lsp_client.shutdown_session()


# MARK: helpers


def units(text: str, encoding: str) -> int:
    """Length of `text` in the code units the session counts."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def position_of(text: str, needle: str, encoding: str) -> types.Position:
    """The LSP position where `needle` first starts in `text`."""
    index = text.index(needle)
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return types.Position(line=line, character=units(text[line_start:index], encoding))


def offset_of(text: str, position: types.Position, encoding: str) -> int:
    """The string index of an LSP position in `text` (lines end in `\\n` here)."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    count = 0
    for index, char in enumerate(line):
        if count >= position.character:
            return start + index
        count += units(char, encoding)
    return start + len(line)


def apply_edits(text: str, edits, encoding: str) -> str:
    """`text` with the TextEdits applied, last first so earlier offsets stay valid."""
    spans = [
        (
            offset_of(text, edit.range.start, encoding),
            offset_of(text, edit.range.end, encoding),
            edit.new_text,
        )
        for edit in edits
    ]
    for start, end, new_text in sorted(spans, reverse=True):
        text = text[:start] + new_text + text[end:]
    return text


async def open_document(client: LanguageClient, uri: str, text: str, language: str):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def change_document(client: LanguageClient, uri: str, text: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


PYTHON = (
    "from flytekit import Resources\n"
    "\n"
    'NOTE = "😀 café"; SMALL = Resources(cpu="500m", mem="1gb")\n'
)

YAML = (
    "# ünïcode 😀\n"
    "spec:\n"
    "  containers:\n"
    "    - name: main  # 😀\n"
    "      resources:\n"
    "        requests: {cpu: 1, memory: 1gb}\n"
)


# MARK: diagnostics


async def test_open_publishes_diagnostics_at_exact_positions(client, tmp_path):
    uri = (tmp_path / "flow.py").as_uri()
    diagnostics = await open_document(client, uri, PYTHON, "python")
    assert [d.code for d in diagnostics] == ["RL004"]
    finding = diagnostics[0]
    assert finding.source == "resourcelint"
    assert finding.severity == types.DiagnosticSeverity.Error
    assert finding.code_description.href.endswith("docs/rules.md#rl004")
    assert '"1gb"' in finding.message and "did you mean" in finding.message
    start = position_of(PYTHON, '"1gb"', client.encoding)
    assert finding.range.start == start
    assert finding.range.end == types.Position(
        line=start.line, character=start.character + units('"1gb"', client.encoding)
    )


async def test_yaml_document_positions(client, tmp_path):
    uri = (tmp_path / "pod.yaml").as_uri()
    diagnostics = await open_document(client, uri, YAML, "yaml")
    codes = sorted(d.code for d in diagnostics)
    assert "RL004" in codes, codes
    finding = next(d for d in diagnostics if d.code == "RL004")
    assert finding.range.start == position_of(YAML, "1gb", client.encoding)


async def test_change_updates_diagnostics_from_the_unsaved_buffer(client, tmp_path):
    path = tmp_path / "flow.py"
    # The file on disk stays clean: only the buffer has findings, and they must be seen.
    path.write_text("x = 1\n")
    uri = path.as_uri()
    assert [d.code for d in await open_document(client, uri, PYTHON, "python")] == ["RL004"]
    fixed = PYTHON.replace('"1gb"', '"1Gi"')
    assert list(await change_document(client, uri, fixed, 2)) == []
    broken = PYTHON.replace('"1gb"', '"1Gi"').replace('cpu="500m"', 'cpu="500M"')
    codes = [d.code for d in await change_document(client, uri, broken, 3)]
    assert codes == ["RL007"], codes


async def test_close_clears_diagnostics(client, tmp_path):
    uri = (tmp_path / "flow.py").as_uri()
    assert await open_document(client, uri, PYTHON, "python")
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []


# MARK: code actions

# (file name, language, text, code, title, expected text after the edit). A rule's quick fix is
# one more row: its title (the fix's own) and the text its edits give.
ACTION_CASES = [
    (
        "flow.py",
        "python",
        PYTHON,
        "RL004",
        "Suppress RL004 on this line",
        PYTHON.replace('mem="1gb")\n', 'mem="1gb")  # noqa: RL004\n'),
    ),
    (
        "flow.py",
        "python",
        PYTHON.replace('"1gb")\n', '"1gb")  # noqa: E501\n'),
        "RL004",
        "Suppress RL004 on this line",
        PYTHON.replace('"1gb")\n', '"1gb")  # noqa: E501, RL004\n'),
    ),
    (
        "pod.yaml",
        "yaml",
        YAML,
        "RL004",
        "Suppress RL004 on this line",
        YAML.replace("1gb}\n", "1gb}  # resourcelint: ignore[RL004]\n"),
    ),
    # Quick fixes from the rules' own fixes (the Python one after an emoji on its line).
    (
        "flow.py",
        "python",
        PYTHON.replace('"1gb"', '"1gi"'),
        "RL004",
        'Replace "1gi" with "1Gi"',
        PYTHON.replace('"1gb"', '"1Gi"'),
    ),
    (
        "pod.yaml",
        "yaml",
        YAML.replace("1gb}", "1gi}"),
        "RL004",
        'Replace "1gi" with "1Gi"',
        YAML.replace("1gb}", "1Gi}"),
    ),
]


@pytest.mark.parametrize("name, language, text, code, title, expected", ACTION_CASES)
async def test_code_action_edit_gives_the_expected_text(
    client, tmp_path, name, language, text, code, title, expected
):
    uri = (tmp_path / name).as_uri()
    diagnostics = await open_document(client, uri, text, language)
    finding = next(d for d in diagnostics if d.code == code)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=finding.range,
            context=types.CodeActionContext(diagnostics=[finding]),
        )
    )
    titles = [action.title for action in actions]
    action = next((a for a in actions if a.title == title), None)
    assert action is not None, titles
    assert action.kind == types.CodeActionKind.QuickFix
    edited = apply_edits(text, action.edit.changes[uri], client.encoding)
    assert edited == expected
    # The edited buffer no longer reports the finding, and the directive is no RL028/RL029.
    remaining = await change_document(client, uri, edited, 2)
    assert [d.code for d in remaining if d.code in (code, "RL028", "RL029")] == []


# MARK: hover


@pytest.mark.parametrize(
    "value, expected",
    [
        ('"500m"', "0.5 CPU"),
        ('"1Gi"', "1,073,741,824 bytes"),
        ('"1gb"', 'did you mean "1G" or "1Gi"?'),
    ],
)
async def test_hover_explains_a_quantity(client, tmp_path, value, expected):
    uri = (tmp_path / "flow.py").as_uri()
    text = PYTHON.replace('"1gb"', value) if value != '"1gb"' else PYTHON
    await open_document(client, uri, text, "python")
    where = position_of(text, value, client.encoding)
    inside = types.Position(line=where.line, character=where.character + 2)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
    )
    assert hover is not None
    assert expected in hover.contents.value, hover.contents.value
    # Nothing to say away from a value.
    elsewhere = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=2),
        )
    )
    assert elsewhere is None


# MARK: configuration


async def test_configuration_change_relints_open_documents(client, tmp_path):
    path = tmp_path / "flow.py"
    uri = path.as_uri()
    assert [d.code for d in await open_document(client, uri, PYTHON, "python")] == ["RL004"]
    # A client that can watch files for the server is asked to watch configuration files.
    dynamic = client.capabilities.workspace.did_change_watched_files.dynamic_registration
    watched = [r.method for r in client.registrations]
    assert watched == (["workspace/didChangeWatchedFiles"] if dynamic else [])
    # A new .resourcelint.yml beside the file turns RL004 off: reported as a watched-file change.
    config = tmp_path / ".resourcelint.yml"
    config.write_text("rules:\n  RL004: off\n")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []
    # The severity the file sets, then per-file-ignores naming this file, as `check` reads them.
    for content, expected in [
        ("rules:\n  RL004: warning\n", [types.DiagnosticSeverity.Warning]),
        ('per-file-ignores:\n  "*.py": [RL004]\n', []),
        ('per-file-ignores:\n  "other/*.py": [RL004]\n', [types.DiagnosticSeverity.Error]),
    ]:
        config.write_text(content)
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
            )
        )
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        assert [d.severity for d in client.diagnostics[uri]] == expected, content
    # The editor's own settings layer over the file, like --ignore.
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"resourcelint": {"ignore": ["RL004"]}})
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []


# MARK: protocol


async def test_unknown_request_is_method_not_found_and_the_server_goes_on(client, tmp_path):
    with pytest.raises(Exception) as raised:
        await client.protocol.send_request_async("resourcelint/noSuchMethod", {})
    assert "-32601" in repr(raised.value) or "unknown method" in str(raised.value)
    uri = (tmp_path / "flow.py").as_uri()
    assert [d.code for d in await open_document(client, uri, PYTHON, "python")] == ["RL004"]


# MARK: exit status


def frame(message) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


@pytest.mark.parametrize("shutdown, status", [(True, 0), (False, 1)])
def test_exit_status_says_whether_shutdown_came_first(shutdown, status):
    messages = [{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}]
    if shutdown:
        messages.append({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    messages.append({"jsonrpc": "2.0", "method": "exit"})
    # A malformed message on the way is logged and skipped.
    bad = b"Content-Length: 5\r\n\r\n{bad}"
    data = frame(messages[0]) + bad + b"".join(map(frame, messages[1:]))
    run = subprocess.run([BINARY, "server"], input=data, capture_output=True, timeout=60)
    assert run.returncode == status, run.stderr
    assert b"not JSON" in run.stderr
