"""Streamlit glue, split by job: data (cached access), state (URL-bound widgets), frame (sidebar, share panel), components (chart, quote)."""
