"""`python -m summarizer` runs the CLI."""

from ._main import main

main()
