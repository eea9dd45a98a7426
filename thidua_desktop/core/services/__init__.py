"""Services: plain data in, plain data out, one short session per call. The GUI and the CLI both call these."""
