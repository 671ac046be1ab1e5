import nx from "@nx/eslint-plugin";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

/**
 * Scope layers, lowest first. A project may import libraries of its own layer and of the layers
 * below; `scope:core` imports nothing of ours. A new layer is one line here (and the tag in the
 * project.json of its projects). Untagged projects get their kind's default scope from the
 * workspace plugin (tools/nx-plugin): apps `scope:site`, libs `scope:edge`, tools `scope:tools`.
 */
const LAYERS = ["scope:core", "scope:edge", "scope:site", "scope:tools"];
const layerConstraints = LAYERS.map((tag, i) => ({
  sourceTag: tag,
  onlyDependOnLibsWithTags: i === 0 ? [tag] : LAYERS.slice(0, i + 1),
}));

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/cdktf.out/**", ".nx/**", "**/*.js", "**/*.cjs", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    plugins: { "@nx": nx },
    rules: {
      "@nx/enforce-module-boundaries": [
        "error",
        {
          allow: [],
          depConstraints: [
            { sourceTag: "type:app", onlyDependOnLibsWithTags: ["type:lib"] },
            { sourceTag: "type:lib", onlyDependOnLibsWithTags: ["type:lib"] },
            { sourceTag: "type:tool", onlyDependOnLibsWithTags: ["type:lib", "type:app"] },
            ...layerConstraints,
          ],
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@cdktf/provider-aws",
              message:
                "Import the resource module instead (e.g. @cdktf/provider-aws/lib/vpc): the package root costs ~2 s and ~500 MB in every process.",
            },
          ],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  prettier,
);
