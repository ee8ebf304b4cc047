"""Layer 10, the command line: parse options, make one library call, render the answer."""
