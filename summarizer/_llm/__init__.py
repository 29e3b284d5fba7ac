"""The LLM engine: prompts, structured output, the OpenAI-compatible adapter, chunking.

Only `_client.py` imports `openai`; everything else speaks in our own types.
"""
