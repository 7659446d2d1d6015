/**
 * Who plays each cell: per kind of route, the actor of the right scope, of the wrong district, of the
 * wrong department and of a lower role; and the staff the demo data lacks, created in beforeAll.
 */
import { CITY, dept } from './matrix-kit.ts';

/**
 * Actors the demo data lacks, created in beforeAll through the identity service:
 * [username, department, role, region of the grant, department-scoped grant?]
 */
export const extraStaff: [string, string, string, string, boolean][] = [
  ['scjg.itadmin', dept.scjg, 'it_admin', CITY, true], // city IT admin limited to one department
  ['mh.scjg.itadmin', dept.mhScjg, 'it_admin', '990102', true], // 明湖区 IT admin limited to 明湖区市场监管局
  ['mh.scjg.editor', dept.mhScjg, 'catalog_editor', '990102', true],
  ['dl.catalog', dept.dlZwfw, 'catalog_reviewer', '990103', false],
  ['zjj.catalog', dept.zjj, 'catalog_reviewer', CITY, true],
  ['dl.scjg.inspection', dept.dlScjg, 'inspection_manager', '990103', true],
  ['dl.scjg.inspector', dept.dlScjg, 'inspector', '990103', true],
  ['dl.scjg.reviewer', dept.dlScjg, 'reviewer', '990103', true],
  ['dl.scjg.approver', dept.dlScjg, 'approver', '990103', true],
  ['dl.hotline', dept.dlZwfw, 'hotline_dispatcher', '990103', false],
  ['dl.handler', dept.dlZwfw, 'hotline_handler', '990103', false],
  ['dl.supervisor', dept.dlZwfw, 'supervisor', '990103', false],
  ['dl.zjj.data', dept.dlZjj, 'data_steward', '990103', true],
  ['rsj.data', dept.rsj, 'data_steward', CITY, true],
  ['dl.data.officer', dept.dlZwfw, 'data_officer', '990103', false],
  ['mh.window', dept.mhZwfw, 'window_clerk', '990102', false], // 明湖区 政务服务管理局 window clerk (not of the city hall)
];

export const admin = { right: 'mh.admin', wrongDistrict: 'dl.admin', wrongDepartment: 'mh.scjg.itadmin', lower: 'mh.scjg.clerk' } as const;
export const cityAdmin = { right: 'it.admin', wrongDistrict: 'mh.admin', wrongDepartment: 'scjg.itadmin', lower: 'scjg.clerk' } as const;
export const catalogEditor = { right: 'scjg.editor', wrongDistrict: 'mh.scjg.editor', wrongDepartment: 'zjj.editor', lower: 'scjg.clerk' } as const;
export const catalogReviewer = { right: 'zwfw.catalog', wrongDistrict: 'dl.catalog', wrongDepartment: 'zjj.catalog', lower: 'scjg.editor' } as const;
export const inspection = {
  right: 'scjg.inspection',
  wrongDistrict: 'dl.scjg.inspection',
  wrongDepartment: 'wjw.inspector',
  lower: 'scjg.inspector1',
} as const;
/** Cases outside the actor's scope answer 404: case numbers are on 办件公示, what a case holds is not. */
export const acceptStep = { right: 'scjg.clerk', wrongDistrict: 'dl.scjg.clerk', wrongDepartment: 'rsj.clerk', lower: 'supervisor', hides: true } as const;
export const reviewStep = {
  right: 'scjg.reviewer',
  wrongDistrict: 'dl.scjg.reviewer',
  wrongDepartment: 'rsj.clerk',
  lower: 'scjg.clerk',
  hides: true,
} as const;
export const decideStep = {
  right: 'scjg.approver',
  wrongDistrict: 'dl.scjg.approver',
  wrongDepartment: 'zjj.approver',
  lower: 'scjg.reviewer',
  hides: true,
} as const;
export const issueStep = { right: 'scjg.clerk', wrongDistrict: 'dl.scjg.clerk', wrongDepartment: 'rsj.clerk', lower: 'scjg.reviewer', hides: true } as const;
export const applicant = {
  right: 'citizen1',
  wrongDistrict: null,
  wrongDepartment: null,
  lower: 'scjg.clerk',
  citizen: 'citizen2',
  hides: true,
  na: 'an applicant action: the owner is the scope; staff (even of the right department) and other citizens are refused',
} as const;
export const center = { right: 'rx.dispatcher', wrongDistrict: 'dl.hotline', wrongDepartment: 'scjg.handler', lower: 'supervisor' } as const;
export const handler = { right: 'mh.handler', wrongDistrict: 'dl.handler', wrongDepartment: 'scjg.handler', lower: 'rx.operator' } as const;
