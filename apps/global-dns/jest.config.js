module.exports = {
  ...require("../../jest.preset.js"),
  displayName: "global-dns",
  rootDir: __dirname,
};
