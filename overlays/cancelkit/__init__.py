"""cancelkit."""
