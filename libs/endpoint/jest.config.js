module.exports = { ...require("../../jest.preset.js"), displayName: "endpoint", rootDir: __dirname };
