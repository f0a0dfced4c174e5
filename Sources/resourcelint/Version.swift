/// resourcelint's version: the one place it is written. `--version`, SARIF's
/// `tool.driver.version`, the release tarball and the wheel (`scripts/dist/version.py` reads this
/// line) all take it from here.
let resourcelintVersion = "0.1.0"
