module.exports = {
  ...require("../../jest.preset.js"),
  displayName: "wavelength",
  rootDir: __dirname,
};
