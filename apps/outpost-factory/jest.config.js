module.exports = { ...require("../../jest.preset.js"), displayName: "outpost-factory", rootDir: __dirname };
