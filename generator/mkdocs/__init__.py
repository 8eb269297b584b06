"""The MkDocs adapter: the `showcase` plugin (everything that touches MkDocs lives here)."""
