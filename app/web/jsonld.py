"""The JSON-LD the API answers with (schema.org ClaimReview), as Pydantic models: they
document it at /docs and check the service's objects on the way out."""

from __future__ import annotations

from typing import Literal

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field


class JsonLdResponse(JSONResponse):
    media_type = "application/ld+json"


class Thing(BaseModel):
    # JSON-LD's "@type" is no Python name: read and written by that alias.
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class OrganizationLd(Thing):
    type: Literal["Organization"] = Field(alias="@type")
    name: str = Field(description="The outlet.")


class PersonLd(Thing):
    type: Literal["Person"] = Field(alias="@type")
    name: str = Field(description="The reviewer.")


class CreativeWorkLd(Thing):
    type: Literal["CreativeWork"] = Field(alias="@type")
    url: str = Field(description="Where the article was published.")


class ClaimLd(Thing):
    type: Literal["Claim"] = Field(alias="@type")
    author: OrganizationLd
    datePublished: str | None = Field(
        None, description="The article's publication (ISO 8601), when known."
    )
    appearance: CreativeWorkLd | None = Field(
        None, description="The article, when its URL is known."
    )


class RatingLd(Thing):
    type: Literal["Rating"] = Field(alias="@type")
    alternateName: str = Field(description='"Contradicted by <outlet>" or "Not contradicted…".')


class ClaimReviewLd(Thing):
    context: Literal["https://schema.org"] = Field(alias="@context")
    type: Literal["ClaimReview"] = Field(alias="@type")
    url: str = Field(description="The finding on its topic page.")
    claimReviewed: str = Field(description="The text of the finding's first claim.")
    itemReviewed: ClaimLd
    author: PersonLd
    datePublished: str = Field(description="When the verdict was given (ISO 8601, UTC).")
    reviewRating: RatingLd
    reviewBody: str = Field(description="The finding's explanation, the other claim, the note.")
