"""Read -> validate -> model: no knowledge of the site or of print."""
