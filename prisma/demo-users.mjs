// The demo logins, one per role (members for a few clusters). Printed by `npm start`,
// listed in README.md. Never use these on a real deployment.
export const DEMO_PASSWORD = "demo-password-2026";

/** @type {{ email: string; name: string; role: "ADMIN" | "COORDINATOR" | "CLUSTER_MEMBER"; cluster?: string }[]} */
export const DEMO_USERS = [
  { email: "admin@rrc.example", name: "Адміністратор (демо)", role: "ADMIN" },
  { email: "coordinator@rrc.example", name: "Олена Координаторка (демо)", role: "COORDINATOR" },
  { email: "coordinator2@rrc.example", name: "Андрій Координатор (демо)", role: "COORDINATOR" },
  { email: "member.kyiv-iam@rrc.example", name: "Учасник Київського IAM (демо)", role: "CLUSTER_MEMBER", cluster: "kyiv-iam" },
  { email: "member.kharkiv-iam@rrc.example", name: "Учасник Харківського IAM (демо)", role: "CLUSTER_MEMBER", cluster: "kharkiv-iam" },
  { email: "member.lviv-garment@rrc.example", name: "Учасник Львівського швейного (демо)", role: "CLUSTER_MEMBER", cluster: "lviv-garment" },
  { email: "member.poltava-agrofood@rrc.example", name: "Учасник Полтавської агрохарчової (демо)", role: "CLUSTER_MEMBER", cluster: "poltava-agrofood" },
];
