"""Council and review pages; urls.py imports each module it needs by name."""
