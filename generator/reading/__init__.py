"""Reading files safely: YAML with line numbers, front-matter, CSV series."""
