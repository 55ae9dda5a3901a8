# The command of a test registered by confidant_missing_tool_test
# (ConfidantMissingTool.cmake): says why the check did not run, and fails.
message(FATAL_ERROR "${TEXT}")
