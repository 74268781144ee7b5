"""The supervision desk over HTTP: ``create_app`` (ASGI) and ``serve`` (uvicorn)."""
