"""HTTP and the command line over the store. Depends on `loaders`, never the other way."""
