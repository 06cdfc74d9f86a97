"""Load data at province scale (see generate_load_data)."""
