from django.db import models


class DistrictQuerySet(models.QuerySet):
    def in_municipality(self, municipality):
        return self.filter(municipality=municipality)


class CommunityCentreQuerySet(models.QuerySet):
    def in_district(self, district):
        return self.filter(district=district)
