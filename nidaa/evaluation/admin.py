from django.contrib import admin

from nidaa.evaluation.models import EvaluatorAssignment


@admin.register(EvaluatorAssignment)
class EvaluatorAssignmentAdmin(admin.ModelAdmin):
    list_display = ("call", "evaluator", "assigned_at")
    raw_id_fields = ("call", "evaluator")
