module.exports = { ...require("../../jest.preset.js"), displayName: "outposts", rootDir: __dirname };
