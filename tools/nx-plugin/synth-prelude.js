// Prepended to every synth bundle by build.js. cdktf captures a full stack trace for every token
// it creates (Intrinsic, Lazy: `creationStack`, shown only when a token cannot be resolved) by
// reading `.stack` of a plain object, and Node formats every frame of each: about 7% of the
// synth's CPU. Those captures get no text; the stack of every real Error is formatted as before.
Error.prepareStackTrace = (error, frames) => {
  if (!(error instanceof Error)) return "";
  const head = Error.prototype.toString.call(error);
  return frames.length === 0 ? head : `${head}\n    at ${frames.join("\n    at ")}`;
};
