"""Prompt templates, shipped as the package `summarizer.prompts` (see README.md here)."""
