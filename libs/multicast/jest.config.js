module.exports = { ...require("../../jest.preset.js"), displayName: "multicast", rootDir: __dirname };
