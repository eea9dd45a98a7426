"""Menu actions contributed by a feature area. Each module has ``install(window)``, called once by the main
window after it has built its menus (``window.menus["file" | "edit" | "data" | "tools" | "help"]``)."""
