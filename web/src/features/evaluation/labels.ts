/** Colors of levels (1 very dissatisfied … 5 very satisfied), statuses and lights, shared by the pages. */
export const levelColor: Record<number, string> = { 1: 'red', 2: 'volcano', 3: 'gold', 4: 'green', 5: 'green' };
export const statusColor: Record<string, string> = { open: 'orange', appealed: 'purple', submitted: 'blue', closed: 'green', annulled: 'default' };
export const lightColor: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red' };
export const isBad = (level: number) => level <= 2;

const dimensionOrder = ['overall', 'efficiency', 'guideAccuracy', 'convenience', 'usability', 'serviceLevel', 'attitude'];
/** An evaluation's dimensions other than overall, in the national order. */
export const dimensionsInOrder = (dims: Record<string, number>) =>
  Object.entries(dims)
    .filter(([d]) => d !== 'overall')
    .sort(([a], [b]) => dimensionOrder.indexOf(a) - dimensionOrder.indexOf(b));
