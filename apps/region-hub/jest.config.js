module.exports = { ...require("../../jest.preset.js"), displayName: "region-hub", rootDir: __dirname };
