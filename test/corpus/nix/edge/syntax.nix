# Constructs Nix 2.x accepts that grammar builds before mid-2025 do not, and their neighbours.
let
  commented =
    {
      a, # the first
      b ? 2, /* the second */
    }:
    a + b;
  curried =
    { x, }:
    { y, }@second:
    x + y + second.y;
  defaults =
    {
      list ? [ ],
      set ? { },
      fn ? (v: v),
      str ? "a, b",
    }:
    [ list set (fn str) ];
  scope = { };
in
{
  inherit;
  inherit (scope);
  inherit commented curried defaults;
  url = https://example.org/a?b=c,d;
  result = commented { a = 1; } + curried { x = 1; } { y = 2; };
}
