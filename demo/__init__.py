"""Demo content for `make run`: accounts for each role, authors, articles, comments.

The data lives in the modules beside this one; `loader.load_demo()` writes it.
"""
