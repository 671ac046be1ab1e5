module.exports = {
  ...require("../../jest.preset.js"),
  displayName: "wavelength-bos",
  rootDir: __dirname,
};
