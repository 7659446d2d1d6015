/** The permission every hotline admin page requires. */
export const MANAGE = 'hotline.manage';
