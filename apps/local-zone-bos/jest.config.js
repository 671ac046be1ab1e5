module.exports = {
  ...require("../../jest.preset.js"),
  displayName: "local-zone-bos",
  rootDir: __dirname,
};
