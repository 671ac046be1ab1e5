module.exports = { ...require("../../jest.preset.js"), displayName: "region", rootDir: __dirname };
