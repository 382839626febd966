/**
 * Items grouped by a link between pairs: two linked items are in one group, and so are items
 * linked through others (union–find over every pair: for the few dozen rules of a page). Groups
 * come in the order of their first item.
 */
export function linkedGroups<T>(items: T[], linked: (a: T, b: T) => boolean): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  items.forEach((a, i) =>
    items.forEach((b, j) => {
      if (j > i && linked(a, b)) parent[find(i)] = find(j);
    }),
  );
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), item]));
  return [...groups.values()];
}
