/** The config file's name at the lint root. Apart from the loader so that a cached run names it without loading the JSON parser. */
export const CONFIG_FILE = ".evio-lint.json";
