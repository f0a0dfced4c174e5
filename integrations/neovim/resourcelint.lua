-- resourcelint's language server in Neovim 0.11+ (put in init.lua or lua/ on runtimepath).
vim.lsp.config('resourcelint', {
  cmd = { 'resourcelint', 'server' },
  filetypes = { 'python', 'yaml' },
  root_markers = { '.resourcelint.yml', '.resourcelint.yaml', '.git' },
  -- Optional: what `check --select/--ignore/--severity/--config` would set.
  init_options = { resourcelint = { ignore = {}, severity = {} } },
})
vim.lsp.enable('resourcelint')
