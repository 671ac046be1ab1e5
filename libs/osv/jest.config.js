module.exports = { ...require("../../jest.preset.js"), displayName: "osv", rootDir: __dirname };
