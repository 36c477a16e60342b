__version__ = "0.0.1"

def __getattr__(name):
    "`videogen.render` without importing the render stack at `import videogen`."
    if name == "render":
        from videogen.rendering import render
        return render
    raise AttributeError(f"module 'videogen' has no attribute {name!r}")
