"""Parts of `manage.py seed_demo` that compose several apps (the command itself lives in feed)."""
