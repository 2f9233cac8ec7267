"""nbgrader settings for these lessons: copy this file to the top of your nbgrader course folder."""

c = get_config()  # noqa: F821 (nbgrader provides get_config)
# The student's cell keeps `answer_n = ...` and gets this comment, so Run All still runs to the end.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
# The answer cells are not marked with nbgrader's toolbar: strip `# BEGIN SOLUTION` blocks in every cell.
c.ClearSolutions.enforce_metadata = False
