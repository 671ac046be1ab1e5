module.exports = { ...require("../../jest.preset.js"), displayName: "dns", rootDir: __dirname };
