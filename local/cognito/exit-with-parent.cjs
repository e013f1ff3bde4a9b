// Preloaded into the cognito-local child process. The parent keeps the
// child's stdin open, so end-of-file there means the parent has exited,
// even when it was killed without a chance to stop its children.
"use strict";
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
