//! [`modalities_from_orders`]: the acupuncture and dry-needling orders among a CDS Hooks
//! `order-sign` hook's `draftOrders`.

use serde_json::Value;

use super::error::{FhirError, FhirErrorKind};
use super::read::Node;
use crate::interop::canonical::external::CPT;
use crate::{Cpt, Modality};

/// The draft `ServiceRequest`s of `draftOrders` (a Bundle, as CDS Hooks `order-sign` sends
/// it) whose `code` has a CPT coding (system [`CPT`]) for acupuncture or dry needling, each
/// with the modality it orders ([`Cpt::modality`]: 97810/97811 manual acupuncture,
/// 97813/97814 electroacupuncture, 20560/20561 dry needling), as `("ServiceRequest/<id>",
/// modality)` in bundle order. A request coded for two modalities gives two pairs. Other
/// resources, and requests with no such code, are not acupuncture orders and are passed over.
///
/// # Errors
///
/// A [`FhirError`] with a path from `draftOrders`: not a Bundle (`draftOrders.resourceType`),
/// an entry without a resource, a malformed element, or an acupuncture order without an `id`
/// (a card could not name it).
///
/// ```
/// use acupuncture_guidance::interop::fhir::modalities_from_orders;
/// use acupuncture_guidance::Modality;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let orders = serde_json::json!({ "resourceType": "Bundle", "type": "collection", "entry": [
///     { "resource": { "resourceType": "ServiceRequest", "id": "sr-1", "status": "draft", "intent": "order",
///       "subject": { "reference": "Patient/p1" },
///       "code": { "coding": [{ "system": "http://www.ama-assn.org/go/cpt", "code": "97813" }] } } }
/// ]});
/// assert_eq!(modalities_from_orders(&orders)?, [("ServiceRequest/sr-1".to_owned(), Modality::Electroacupuncture)]);
/// # Ok(())
/// # }
/// ```
pub fn modalities_from_orders(draft_orders: &Value) -> Result<Vec<(String, Modality)>, FhirError> {
    let bundle = Node::new(draft_orders, "draftOrders");
    let kind = bundle.resource_type()?;
    if kind != "Bundle" {
        return Err(FhirError::new(
            FhirErrorKind::WrongResource,
            bundle.join("resourceType"),
            format!("expected \"Bundle\", found {kind:?}"),
        ));
    }
    let mut orders = Vec::new();
    for entry in bundle.array("entry")? {
        let resource = entry.get("resource")?.ok_or_else(|| {
            FhirError::new(FhirErrorKind::Missing, entry.join("resource"), "an entry needs a resource")
        })?;
        if resource.resource_type()? != "ServiceRequest" {
            continue;
        }
        let mut modalities: Vec<Modality> = Vec::new();
        for (system, code) in resource.codings("code")? {
            if system == Some(CPT) {
                if let Ok(cpt) = code.parse::<Cpt>() {
                    if !modalities.contains(&cpt.modality()) {
                        modalities.push(cpt.modality());
                    }
                }
            }
        }
        if modalities.is_empty() {
            continue;
        }
        let id = resource.string("id")?.ok_or_else(|| {
            FhirError::new(
                FhirErrorKind::Missing,
                resource.join("id"),
                "an acupuncture order needs an id for a card to name it",
            )
        })?;
        orders.extend(modalities.into_iter().map(|m| (format!("ServiceRequest/{id}"), m)));
    }
    Ok(orders)
}
