"""The aiogram adapter: routers, middlewares, durable polling, Bot API calls."""

__all__: list[str] = []
