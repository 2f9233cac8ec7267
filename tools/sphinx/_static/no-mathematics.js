// The lessons use no mathematics, so no page loads MathJax; Sphinx needs a local address all the same.
