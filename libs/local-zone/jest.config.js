module.exports = {
  ...require("../../jest.preset.js"),
  displayName: "local-zone",
  rootDir: __dirname,
};
