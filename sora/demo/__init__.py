"""Parts of `manage.py seed_demo` that compose several apps (the command itself is in
`sora/management/commands/`)."""
