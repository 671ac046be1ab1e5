module.exports = { ...require("../../jest.preset.js"), displayName: "tfc", rootDir: __dirname };
